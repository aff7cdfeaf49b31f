CREATE TABLE `public_consultations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`document` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_on` text NOT NULL,
	`published_at` text NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_consultations_consultation_id_unique` ON `public_consultations` (`consultation_id`);--> statement-breakpoint
CREATE INDEX `public_consultations_org_sent` ON `public_consultations` (`org_id`,`sent_on`,`sent_at`,`consultation_id`);--> statement-breakpoint
ALTER TABLE `consultations` ADD `publication` text;