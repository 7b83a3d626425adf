import { auth } from "@/server/auth";

/** Sends anonymous visitors of app pages to the sign-in page. */
export const proxy = auth;

export const config = { matcher: ["/", "/w/:path*"] };
