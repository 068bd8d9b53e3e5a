import { DomainRuleViolation } from '@quotient/kernel';

/** A rep who left is history: no transfer, certification, enrolment, completion or second leaving. */
export class RepAlreadyLeft extends DomainRuleViolation {
  constructor(repId: string, leftAt?: string) {
    super('rep-already-left', `Rep ${repId} has left${leftAt ? ` (at ${leftAt})` : ''}`, leftAt ? { repId, leftAt } : { repId });
  }
}

export class NotEnrolled extends DomainRuleViolation {
  constructor(programId: string, repId: string) {
    super('not-enrolled', `Rep ${repId} is not enrolled in program ${programId}`, { programId, repId });
  }
}

/** A program is completed once; its score is a fact, not something to overwrite. */
export class TrainingAlreadyCompleted extends DomainRuleViolation {
  constructor(programId: string, repId: string, score: number) {
    super('training-already-completed', `Rep ${repId} already completed program ${programId} with score ${score}`, { programId, repId, score });
  }
}

export class CompletedBeforeEnrolment extends DomainRuleViolation {
  constructor(programId: string, repId: string, enrolledAt: string, occurredAt: string) {
    super('completed-before-enrolment', `Rep ${repId} enrolled in program ${programId} at ${enrolledAt}; a completion at ${occurredAt} is earlier`, {
      programId,
      repId,
      enrolledAt,
      occurredAt,
    });
  }
}
