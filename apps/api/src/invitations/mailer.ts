import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { RUNTIME, type Runtime } from '../common/runtime';

/** Sends invitation emails through SMTP_URL; without it the link is logged (the offline/embedded default). */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    const url = runtime.config.auth.smtpUrl;
    this.transport = url ? createTransport(url) : null;
  }

  /** True when handed to SMTP; false when only logged (or SMTP failed: the inviter still has the link to copy). */
  async sendInvitation(to: string, firmName: string, link: string): Promise<boolean> {
    if (!this.transport) {
      this.logger.log(`Invitation for ${to} (no SMTP_URL; copy the link): ${link}`);
      return false;
    }
    try {
      await this.transport.sendMail({
        from: this.runtime.config.auth.smtpFrom,
        to,
        subject: `${firmName} invites you to Lotline`,
        text: `${firmName} invites you to Lotline.\n\nAccept the invitation: ${link}\n\nThe link can be used once and expires.`,
      });
      return true;
    } catch (e) {
      this.logger.error(`could not email the invitation to ${to}: ${String(e)}`);
      return false;
    }
  }
}
