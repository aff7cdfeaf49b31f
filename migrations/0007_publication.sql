CREATE TABLE `public_advice` (
	`seq` integer PRIMARY KEY NOT NULL,
	`advice_id` text NOT NULL,
	`org_id` text NOT NULL,
	`council_id` text NOT NULL,
	`title` text NOT NULL,
	`reference` text NOT NULL,
	`letter_date` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_on` text NOT NULL,
	`published_at` text NOT NULL,
	FOREIGN KEY (`advice_id`) REFERENCES `advice`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_advice_advice_id_unique` ON `public_advice` (`advice_id`);--> statement-breakpoint
CREATE INDEX `public_advice_org_sent` ON `public_advice` (`org_id`,`sent_on`,`sent_at`,`advice_id`);--> statement-breakpoint
CREATE INDEX `public_advice_council_sent` ON `public_advice` (`org_id`,`council_id`,`sent_on`,`sent_at`,`advice_id`);--> statement-breakpoint
CREATE TABLE `publication_settings` (
	`org_id` text PRIMARY KEY NOT NULL,
	`tooi_code` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `advice` ADD `publication` text;--> statement-breakpoint
CREATE INDEX `advice_org_due` ON `advice` (`org_id`,`due_on`);