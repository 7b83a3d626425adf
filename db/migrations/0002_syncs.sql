CREATE TYPE "public"."sync_change_kind" AS ENUM('added', 'changed', 'removed');--> statement-breakpoint
CREATE TYPE "public"."sync_change_status" AS ENUM('accepted', 'rejected', 'parked');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'reading', 'diffing', 'delivering', 'succeeded', 'failed', 'cancelled', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."sync_run_trigger" AS ENUM('manual', 'schedule', 'full_resync');--> statement-breakpoint
CREATE TYPE "public"."sync_mode" AS ENUM('upsert', 'update', 'insert', 'mirror', 'audience');--> statement-breakpoint
CREATE TABLE "sync_rejections" (
	"sync_id" uuid NOT NULL,
	"key_hash" bigint NOT NULL,
	"key" text NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer NOT NULL,
	"parked_at" timestamp with time zone,
	"last_run_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_rejections_sync_id_key_hash_pk" PRIMARY KEY("sync_id","key_hash")
);
--> statement-breakpoint
CREATE TABLE "sync_run_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" "sync_change_kind" NOT NULL,
	"operation" text NOT NULL,
	"status" "sync_change_status" NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sync_id" uuid NOT NULL,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"trigger" "sync_run_trigger" NOT NULL,
	"scheduled_for" timestamp with time zone,
	"attempt" integer DEFAULT 0 NOT NULL,
	"counters" jsonb,
	"error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"read_started_at" timestamp with time zone,
	"read_ms" integer,
	"deliver_ms" integer,
	"last_accepted_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cpu_seconds" real,
	"heartbeat_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone DEFAULT now(),
	"cancel_requested_at" timestamp with time zone,
	"requested_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sync_snapshot_parts" (
	"sync_id" uuid NOT NULL,
	"part" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "sync_snapshot_parts_sync_id_part_pk" PRIMARY KEY("sync_id","part")
);
--> statement-breakpoint
CREATE TABLE "syncs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"model_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"destination_object" text NOT NULL,
	"mode" "sync_mode" NOT NULL,
	"mapping" jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"sla_minutes" integer DEFAULT 60 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"next_run_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_rejections" ADD CONSTRAINT "sync_rejections_sync_id_syncs_id_fk" FOREIGN KEY ("sync_id") REFERENCES "public"."syncs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_changes" ADD CONSTRAINT "sync_run_changes_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_sync_id_syncs_id_fk" FOREIGN KEY ("sync_id") REFERENCES "public"."syncs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_snapshot_parts" ADD CONSTRAINT "sync_snapshot_parts_sync_id_syncs_id_fk" FOREIGN KEY ("sync_id") REFERENCES "public"."syncs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."destinations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_run_changes_run_id_id_index" ON "sync_run_changes" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "sync_run_changes_created_at_index" ON "sync_run_changes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sync_runs_sync_id_queued_at_index" ON "sync_runs" USING btree ("sync_id","queued_at");--> statement-breakpoint
CREATE INDEX "sync_runs_workspace_id_queued_at_index" ON "sync_runs" USING btree ("workspace_id","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active" ON "sync_runs" USING btree ("sync_id") WHERE "sync_runs"."status" in ('queued', 'reading', 'diffing', 'delivering');--> statement-breakpoint
CREATE INDEX "syncs_workspace_id_index" ON "syncs" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "syncs_next_run_at_index" ON "syncs" USING btree ("next_run_at");