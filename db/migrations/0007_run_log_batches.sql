CREATE TABLE "sync_run_log_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"changes" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Existing logs move over: each run's rows, in order, in batches of 1,000.
INSERT INTO "sync_run_log_batches" ("run_id", "workspace_id", "changes", "created_at")
SELECT "run_id", "workspace_id",
  json_agg(json_build_object('key', "key", 'kind', "kind", 'operation', "operation", 'status', "status", 'payload', "payload", 'error', "error") ORDER BY "id"),
  min("created_at")
FROM (SELECT *, (row_number() OVER (PARTITION BY "run_id" ORDER BY "id") - 1) / 1000 AS "batch" FROM "sync_run_changes") AS "numbered"
GROUP BY "run_id", "workspace_id", "batch"
ORDER BY min("id");--> statement-breakpoint
DROP TABLE "sync_run_changes" CASCADE;--> statement-breakpoint
ALTER TABLE "sync_run_log_batches" ADD CONSTRAINT "sync_run_log_batches_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_run_log_batches_run_id_id_index" ON "sync_run_log_batches" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "sync_run_log_batches_created_at_index" ON "sync_run_log_batches" USING btree ("created_at");--> statement-breakpoint
DROP TYPE "public"."sync_change_kind";--> statement-breakpoint
DROP TYPE "public"."sync_change_status";