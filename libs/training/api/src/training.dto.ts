import { commandBody } from '@quotient/http';
import { CertifyRepData, CompleteTrainingData, CreateProgramData, EnrolRepData, HireRepData, RecordRepDepartureData, TransferRepData } from '@quotient/training-domain';

/** Request bodies: the command's data without the ids that come from the path or the server, and without the rep snapshot. */
export const HireRepBody = commandBody({ ...HireRepData.shape, repId: HireRepData.shape.repId.optional() });
export const TransferRepBody = commandBody(TransferRepData.omit({ repId: true }).shape);
export const LeaveBody = commandBody(RecordRepDepartureData.omit({ repId: true }).shape);
export const CertifyRepBody = commandBody(CertifyRepData.omit({ repId: true }).shape);
export const CreateProgramBody = commandBody({ ...CreateProgramData.shape, programId: CreateProgramData.shape.programId.optional() });
export const EnrolRepBody = commandBody(EnrolRepData.omit({ programId: true, rep: true }).shape);
export const CompleteTrainingBody = commandBody(CompleteTrainingData.omit({ programId: true, rep: true }).shape);
