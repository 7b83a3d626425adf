"use client";

import clsx from "clsx";
import {
  ArrowRightLeft,
  Database,
  LayoutDashboard,
  Send,
  Settings,
  Table2,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { Logo } from "./logo";
import { useWorkspace } from "./workspace-context";

const NAV: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "", label: "Overview", icon: LayoutDashboard },
  { href: "/audiences", label: "Audiences", icon: Users },
  { href: "/models", label: "Models", icon: Table2 },
  { href: "/syncs", label: "Syncs", icon: ArrowRightLeft },
  { href: "/sources", label: "Sources", icon: Database },
  { href: "/destinations", label: "Destinations", icon: Send },
  { href: "/settings", label: "Settings", icon: Settings },
];

export function Sidebar({ workspaces }: { workspaces: { slug: string; name: string }[] }) {
  const workspace = useWorkspace();
  const pathname = usePathname();
  const router = useRouter();
  const base = `/w/${workspace.slug}`;
  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="px-5 py-5">
        <Logo />
      </div>
      <div className="px-3 pb-3">
        <label htmlFor="workspace-switcher" className="sr-only">
          Workspace
        </label>
        <select
          id="workspace-switcher"
          value={workspace.slug}
          onChange={(event) => router.push(`/w/${event.target.value}`)}
          className="w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 text-sm font-medium"
        >
          {workspaces.map((option) => (
            <option key={option.slug} value={option.slug}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
        {NAV.map((item) => {
          const href = `${base}${item.href}`;
          const active = item.href === "" ? pathname === base : pathname.startsWith(href);
          return (
            <Link
              key={item.label}
              href={href}
              aria-current={active ? "page" : undefined}
              className={clsx(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <item.icon aria-hidden className="size-4" />
              {item.label}
            </Link>
          );
        })}
      </nav>
    </aside>
  );
}
