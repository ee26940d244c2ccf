import * as z from 'zod';
import type { Clock, OwnerTask, TaskStore } from '../ports.ts';
import { MultiLineText } from '../validation/text.ts';
import { parseInput } from './parse-input.ts';

export interface TaskDeps {
  readonly tasks: TaskStore;
  readonly clock: Clock;
}

export const TaskStatus = z.enum(['open', 'done']);

/** The calls and visits automations asked of an owner (a rep), newest first. */
export async function listTasks(
  deps: TaskDeps,
  ownerId: string,
  status?: OwnerTask['status'],
): Promise<{ tasks: OwnerTask[] }> {
  return { tasks: await deps.tasks.tasks(ownerId, status) };
}

const TaskDone = z.strictObject({ note: MultiLineText(2000).optional() });

/** The owner made the call or the visit; a note says how it went. */
export async function completeTask(
  deps: TaskDeps,
  ownerId: string,
  taskId: string,
  body: unknown,
): Promise<OwnerTask> {
  const { note } = parseInput(TaskDone, body ?? {});
  return deps.tasks.completeTask(ownerId, taskId, deps.clock(), note);
}
