/**
 * Invite emails. Sent through SMTP_URL when it is set; otherwise nothing is sent and the
 * caller shows the link so an admin can share it.
 */
import nodemailer from "nodemailer";
import { INVITE_TTL_DAYS } from "@/db/schema/constants";
import { getEnv } from "@/env";

export async function sendInviteEmail(params: {
  to: string;
  url: string;
  workspaceName: string;
  inviterName: string | null;
}): Promise<boolean> {
  const env = getEnv();
  if (!env.SMTP_URL) return false;
  const who = params.inviterName ?? "A teammate";
  await nodemailer.createTransport(env.SMTP_URL).sendMail({
    from: env.MAIL_FROM,
    to: params.to,
    subject: `${who} invited you to ${params.workspaceName} on Sluice`,
    text: `${who} invited you to the ${params.workspaceName} workspace on Sluice.\n\nAccept the invite: ${params.url}\n\nThe link expires in ${INVITE_TTL_DAYS} days.`,
  });
  return true;
}
