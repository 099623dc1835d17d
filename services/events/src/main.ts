import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('events-service', createLogger('events-service'), startServer);
