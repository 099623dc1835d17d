import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('invoice-service', createLogger('invoice-service'), startServer);
