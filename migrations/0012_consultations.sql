CREATE TABLE `consultation_participants` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`position` integer NOT NULL,
	`council_id` text,
	`name` text,
	`salutation` text,
	`recipients` text,
	`address_lines` text,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_participants_position` ON `consultation_participants` (`consultation_id`,`position`);--> statement-breakpoint
CREATE INDEX `consultation_participants_council` ON `consultation_participants` (`council_id`);--> statement-breakpoint
CREATE TABLE `consultation_remarks` (
	`id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`number` integer NOT NULL,
	`section` text,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `consultation_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_remarks_number` ON `consultation_remarks` (`consultation_id`,`number`);--> statement-breakpoint
CREATE INDEX `consultation_remarks_participant` ON `consultation_remarks` (`participant_id`);--> statement-breakpoint
CREATE TABLE `consultation_response_revisions` (
	`remark_id` text NOT NULL,
	`version` integer NOT NULL,
	`text` text,
	`same_as` text,
	`processing` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`remark_id`, `version`),
	FOREIGN KEY (`remark_id`) REFERENCES `consultation_remarks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consultation_responses` (
	`remark_id` text PRIMARY KEY NOT NULL,
	`consultation_id` text NOT NULL,
	`text` text,
	`same_as` text,
	`processing` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`write_id` text NOT NULL,
	FOREIGN KEY (`remark_id`) REFERENCES `consultation_remarks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consultation_id`) REFERENCES `consultations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`same_as`) REFERENCES `consultation_remarks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_responses_consultation` ON `consultation_responses` (`consultation_id`);--> statement-breakpoint
CREATE INDEX `consultation_responses_same_as` ON `consultation_responses` (`same_as`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`document` text NOT NULL,
	`legend` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`approval_requested_by` text,
	`return_comment` text,
	`transition_id` text,
	`snapshot` text,
	`signed_by` text,
	`signed_at` text,
	`signed_via` text,
	`list_sha256` text,
	`list_pages` integer,
	`sent_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultations_org_status` ON `consultations` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `consultations_sha` ON `consultations` (`list_sha256`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `consultation_id` text;--> statement-breakpoint
CREATE INDEX `outbox_consultation` ON `outbox` (`consultation_id`);