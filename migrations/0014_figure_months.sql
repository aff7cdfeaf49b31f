CREATE TABLE `figure_months` (
	`org_id` text NOT NULL,
	`received_month` text NOT NULL,
	`council_id` text NOT NULL,
	`sent_month` text NOT NULL,
	`received` integer NOT NULL,
	`sent` integer NOT NULL,
	`adopted` integer NOT NULL,
	`partly` integer NOT NULL,
	`declined` integer NOT NULL,
	`already_done` integer NOT NULL,
	`answered` integer NOT NULL,
	PRIMARY KEY(`org_id`, `received_month`, `council_id`, `sent_month`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `advice_figures_sent`;--> statement-breakpoint
DROP INDEX `advice_figures_open`;--> statement-breakpoint
CREATE INDEX `advice_figures_open` ON `advice` (`org_id`,`due_on`,`reference`,`received_on`,`council_id`,`sent_on`) WHERE `sent_on` IS NULL;
--> statement-breakpoint
-- The summary of the dossiers received so far, from their own columns (as sending wrote them).
INSERT INTO `figure_months` (`org_id`, `received_month`, `council_id`, `sent_month`, `received`, `sent`, `adopted`, `partly`, `declined`, `already_done`, `answered`)
SELECT `org_id`, substr(`received_on`, 1, 7), `council_id`, coalesce(substr(`sent_on`, 1, 7), ''), count(*), count(`sent_on`),
  sum(`sent_adopted`), sum(`sent_partly`), sum(`sent_declined`), sum(`sent_already_done`), sum(`sent_answered`)
FROM `advice` WHERE `received_on` IS NOT NULL
GROUP BY `org_id`, substr(`received_on`, 1, 7), `council_id`, coalesce(substr(`sent_on`, 1, 7), '');
