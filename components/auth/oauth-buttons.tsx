import { Button } from "@/components/ui/button";
import { signInWithOAuth } from "@/server/auth/actions";

export function OAuthButtons({
  providers,
  callbackUrl,
}: {
  providers: { id: "github" | "google"; label: string }[];
  callbackUrl: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithOAuth}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {provider.label}
          </Button>
        </form>
      ))}
    </div>
  );
}
