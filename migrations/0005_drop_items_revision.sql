-- The items cache is gone (issue 11): its triggers first, then the column they wrote.
DROP TRIGGER IF EXISTS advice_items_revision_insert;--> statement-breakpoint
DROP TRIGGER IF EXISTS advice_items_revision_update;--> statement-breakpoint
DROP TRIGGER IF EXISTS advice_items_revision_delete;--> statement-breakpoint
DROP TRIGGER IF EXISTS responses_revision_insert;--> statement-breakpoint
DROP TRIGGER IF EXISTS responses_revision_update;--> statement-breakpoint
DROP TRIGGER IF EXISTS responses_revision_delete;--> statement-breakpoint
DROP TRIGGER IF EXISTS users_name_revision;--> statement-breakpoint
ALTER TABLE `advice` DROP COLUMN `items_revision`;
