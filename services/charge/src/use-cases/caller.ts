export type { Caller } from '@paygate/chassis';
