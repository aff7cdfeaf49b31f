ALTER TABLE `advice` ADD `sent_on` text;--> statement-breakpoint
ALTER TABLE `advice` ADD `sent_adopted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `advice` ADD `sent_partly` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `advice` ADD `sent_declined` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `advice` ADD `sent_already_done` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `advice` ADD `sent_answered` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- drizzle-kit splits an index expression at its commas: the two substr() expressions
-- below are corrected by hand, exactly as schema/advice.ts and the queries write them.
CREATE INDEX `advice_figures` ON `advice` (`org_id`,substr(`received_on`, 1, 7),`council_id`,`received_on`,`sent_on`,`sent_adopted`,`sent_partly`,`sent_declined`,`sent_already_done`,`sent_answered`);--> statement-breakpoint
CREATE INDEX `advice_figures_sent` ON `advice` (`org_id`,substr(`sent_on`, 1, 7),`received_on`,`council_id`,`sent_on`) WHERE `sent_on` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `advice_figures_days` ON `advice` (`org_id`,julianday(`sent_on`) - julianday(`received_on`),`received_on`,`council_id`,`sent_on`,`due_on`) WHERE `sent_on` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `advice_figures_open` ON `advice` (`org_id`,`due_on`,`received_on`,`council_id`,`sent_on`) WHERE `sent_on` IS NULL;--> statement-breakpoint
-- Backfill for dossiers sent before sending recorded its day and counts. The day is the day `send`
-- was accepted in Europe/Amsterdam: from sent_at (written by the same batch as the status), else the
-- audit log's `advice.send`, else the last change. Amsterdam is UTC+2 from 01:00 UTC on the last
-- Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise. The counts are the
-- letter's overview, i.e. the dossier's responses (frozen since signing) by status.
UPDATE `advice` SET
  `sent_on` = `sent`.`day`,
  `sent_adopted` = (SELECT count(*) FROM `responses` `r` WHERE `r`.`advice_id` = `advice`.`id` AND `r`.`status` = 'adopted'),
  `sent_partly` = (SELECT count(*) FROM `responses` `r` WHERE `r`.`advice_id` = `advice`.`id` AND `r`.`status` = 'partly'),
  `sent_declined` = (SELECT count(*) FROM `responses` `r` WHERE `r`.`advice_id` = `advice`.`id` AND `r`.`status` = 'declined'),
  `sent_already_done` = (SELECT count(*) FROM `responses` `r` WHERE `r`.`advice_id` = `advice`.`id` AND `r`.`status` = 'already_done'),
  `sent_answered` = (SELECT count(*) FROM `responses` `r` WHERE `r`.`advice_id` = `advice`.`id` AND `r`.`status` = 'answered')
FROM (
  SELECT `id`, date(`u`, CASE
      WHEN `u` >= datetime(date(strftime('%Y', `u`) || '-03-25', 'weekday 0'), '+1 hour')
       AND `u` < datetime(date(strftime('%Y', `u`) || '-10-25', 'weekday 0'), '+1 hour')
      THEN '+2 hours' ELSE '+1 hour' END) AS `day`
  FROM (
    SELECT `a`.`id`, datetime(coalesce(
      `a`.`sent_at`,
      (SELECT `l`.`created_at` FROM `audit_log` `l` WHERE `l`.`entity` = 'advice' AND `l`.`entity_id` = `a`.`id` AND `l`.`action` = 'advice.send' ORDER BY `l`.`id` DESC LIMIT 1),
      `a`.`updated_at`)) AS `u`
    FROM `advice` `a` WHERE `a`.`status` = 'sent' AND `a`.`sent_on` IS NULL
  )
) AS `sent`
WHERE `advice`.`id` = `sent`.`id`;
