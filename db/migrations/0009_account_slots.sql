CREATE TABLE "destination_account_slots" (
	"key" text PRIMARY KEY NOT NULL,
	"next_slot" timestamp with time zone NOT NULL,
	"paused_until" timestamp with time zone NOT NULL
);
