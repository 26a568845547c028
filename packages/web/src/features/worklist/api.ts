import {
  worklistChangeResultSchema,
  worklistPageSchema,
  worklistPaths,
  worklistTaskDetailSchema,
  type AssignWorklistTask,
  type CompleteWorklistTask,
  type CreateWorklistTask,
  type LogContactAttempt,
  type SnoozeWorklistTask,
  type WorklistChangeResult,
  type WorklistListQuery,
  type WorklistPage,
  type WorklistTaskDetail,
} from '@continuum/contracts';
import { queryString, type ApiRequest } from '../../api/request.ts';

/** Navigator worklists (`contracts/src/worklist.ts` lists the endpoints). */
export interface WorklistApi {
  listWorklist(query?: WorklistListQuery): Promise<WorklistPage>;
  getWorklistTask(id: string): Promise<WorklistTaskDetail>;
  /** A task made by hand for a person the caller may see. */
  createWorklistTask(body: CreateWorklistTask): Promise<WorklistChangeResult>;
  assignWorklistTask(id: string, body: AssignWorklistTask): Promise<WorklistChangeResult>;
  snoozeWorklistTask(id: string, body: SnoozeWorklistTask): Promise<WorklistChangeResult>;
  completeWorklistTask(id: string, body: CompleteWorklistTask): Promise<WorklistChangeResult>;
  logContactAttempt(id: string, body: LogContactAttempt): Promise<WorklistChangeResult>;
}

const at = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

export function createWorklistHttpApi(request: ApiRequest): WorklistApi {
  const p = worklistPaths;
  return {
    listWorklist: (query) => request('GET', `${p.tasks}${queryString(query)}`, worklistPageSchema),
    getWorklistTask: (id) => request('GET', at(p.task, id), worklistTaskDetailSchema),
    createWorklistTask: (body) => request('POST', p.tasks, worklistChangeResultSchema, body),
    assignWorklistTask: (id, body) => request('POST', at(p.assign, id), worklistChangeResultSchema, body),
    snoozeWorklistTask: (id, body) => request('POST', at(p.snooze, id), worklistChangeResultSchema, body),
    completeWorklistTask: (id, body) => request('POST', at(p.complete, id), worklistChangeResultSchema, body),
    logContactAttempt: (id, body) => request('POST', at(p.attempts, id), worklistChangeResultSchema, body),
  };
}
