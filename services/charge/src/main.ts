import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('charge-service', createLogger('charge-service'), startServer);
