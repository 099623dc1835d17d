import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startEdge } from './server';

runUntilSignal('rest-edge', createLogger('rest-edge'), startEdge);
