import { LogOut } from "lucide-react";
import { signOutAction } from "@/server/auth/actions";

export function UserMenu({ name, email, role }: { name: string | null; email: string; role: string }) {
  return (
    <div className="flex items-center gap-3">
      <div className="text-right">
        <p className="text-sm font-medium text-slate-900">{name ?? email}</p>
        <p className="text-xs text-slate-500">
          {email} · {role}
        </p>
      </div>
      <form action={signOutAction}>
        <button
          type="submit"
          className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          <LogOut aria-hidden className="size-4" />
          Sign out
        </button>
      </form>
    </div>
  );
}
