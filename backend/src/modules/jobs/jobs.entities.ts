import { JobRecord } from './entities/job-record.entity.js';
export const JobEntities = [JobRecord];
