import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('refund-service', createLogger('refund-service'), startServer);
