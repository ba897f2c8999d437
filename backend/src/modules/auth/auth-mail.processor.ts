import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '../jobs/queues.js';
import { FORGOT_PASSWORD_JOB, type ForgotPasswordJob } from './auth-mail.job.js';
import { AuthService } from './auth.service.js';


/**
 * Sends password-reset mails off the request: `POST /auth/password/forgot` only enqueues, so it
 * answers alike, in the same time, whether the address belongs to an account or not.
 */
@Processor(QUEUES.mail)
export class AuthMailProcessor extends WorkerHost {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async process(job: Job<ForgotPasswordJob>): Promise<void> {
    if (job.name !== FORGOT_PASSWORD_JOB) throw new Error(`unknown job ${job.name}`);
    await this.auth.sendPasswordReset(job.data.email);
  }
}
