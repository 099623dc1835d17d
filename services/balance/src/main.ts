import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('balance-service', createLogger('balance-service'), startServer);
