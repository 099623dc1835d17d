import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('customer-service', createLogger('customer-service'), startServer);
