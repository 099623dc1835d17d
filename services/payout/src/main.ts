import { createLogger, runUntilSignal } from '@paygate/chassis';
import { startServer } from './server';

runUntilSignal('payout-service', createLogger('payout-service'), startServer);
