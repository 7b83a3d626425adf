CREATE TABLE "sync_state_patches" (
	"sync_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"records" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "sync_state_patches_sync_id_seq_pk" PRIMARY KEY("sync_id","seq")
);
--> statement-breakpoint
ALTER TABLE "sync_state_patches" ADD CONSTRAINT "sync_state_patches_sync_id_syncs_id_fk" FOREIGN KEY ("sync_id") REFERENCES "public"."syncs"("id") ON DELETE cascade ON UPDATE no action;