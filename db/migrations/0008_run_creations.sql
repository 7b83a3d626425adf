CREATE TABLE "sync_run_creations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"key_hashes" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_run_creations" ADD CONSTRAINT "sync_run_creations_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_run_creations_run_id_index" ON "sync_run_creations" USING btree ("run_id");