import { monotonicFactory } from 'ulid';
import type { Clock } from '../../../core/ports.ts';

export const systemClock: Clock = () => new Date();

const ulid = monotonicFactory();

/**
 * Sortable, so ids generated here also order by creation time, even within one millisecond
 * (monotonic: the consent history orders decisions recorded in the same instant by their id).
 */
export const newId = (): string => ulid();
