import { commonRoutes, createdResponse, RevisionResponse, RouteDoc } from '@quotient/http';
import { CertifyRepBody, CompleteTrainingBody, CreateProgramBody, EnrolRepBody, HireRepBody, LeaveBody, TransferRepBody } from './training.dto';

const tag = 'training';

export const trainingRoutes: RouteDoc[] = [
  { method: 'post', path: '/reps', summary: 'Hire a rep into a team (a client repId makes it idempotent)', tag, body: HireRepBody, status: 201, response: createdResponse('repId') },
  { method: 'get', path: '/reps/{id}', summary: 'Current state of a rep', tag },
  { method: 'post', path: '/reps/{id}/transfer', summary: 'Move a rep to another team (the same team changes nothing)', tag, body: TransferRepBody, response: RevisionResponse },
  { method: 'post', path: '/reps/{id}/leave', summary: 'Record that a rep left', tag, body: LeaveBody, response: RevisionResponse },
  { method: 'post', path: '/reps/{id}/certifications', summary: 'Record a certification of a rep (once per certification)', tag, body: CertifyRepBody, response: RevisionResponse },
  { method: 'post', path: '/programs', summary: 'Create a training program (a client programId makes it idempotent)', tag, body: CreateProgramBody, status: 201, response: createdResponse('programId') },
  { method: 'get', path: '/programs/{id}', summary: 'Current state of a program with its enrolments', tag },
  { method: 'post', path: '/programs/{id}/enrolments', summary: 'Enrol an active rep in a program (once per rep)', tag, body: EnrolRepBody, response: RevisionResponse },
  { method: 'post', path: '/programs/{id}/completions', summary: 'Record that an enrolled rep completed a program, with a score 0–100', tag, body: CompleteTrainingBody, response: RevisionResponse },
  ...commonRoutes(tag),
];
