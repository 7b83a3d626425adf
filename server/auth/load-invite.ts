import { getDb } from "@/db";
import { InvalidRequestError, NotFoundError } from "@/db/errors";
import { getUsableInvite, type InviteDetails } from "@/db/queries/invites";

/** An invite for the invite and sign-up pages, or the words that explain why it cannot be used. */
export async function loadInvite(token: string): Promise<{ invite: InviteDetails } | { problem: string }> {
  try {
    return { invite: await getUsableInvite(await getDb(), token) };
  } catch (error) {
    if (error instanceof NotFoundError) {
      return { problem: "This link is not a valid invite. Check that you copied all of it." };
    }
    if (error instanceof InvalidRequestError) return { problem: error.message };
    throw error;
  }
}
