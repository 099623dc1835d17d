import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startGateway } from './server';

runUntilSignal('gateway', createLogger('gateway'), startGateway);
