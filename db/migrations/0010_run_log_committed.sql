-- Logs written before this column existed belong to runs that committed them (or that will not be done again).
ALTER TABLE "sync_run_log_batches" ADD COLUMN "committed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_run_log_batches" ALTER COLUMN "committed" SET DEFAULT false;
