-- The inbox rows (case_work_items) for the cases bench/search/load-cases.sql put in the projection
-- (policy_version 'bench-1'): one piece of work per open case, for the role and scope its stage waits
-- for, as the recording activity writes them. The due time is the decision deadline where the case
-- has one, else fifteen days from registration (the filing decision).
INSERT INTO case_work_items (case_id, action, agency_id, role, scope, assignee, deadline_kind, due_at, since)
SELECT c.id,
       w.action,
       c.agency_id,
       w.role,
       w.scope,
       CASE WHEN w.scope = 'named_person' THEN 'officer-' || substr(c.agency_id, 8) END,
       w.deadline_kind,
       CASE WHEN w.deadline_kind IS NOT NULL THEN coalesce(c.decision_due_at, c.registered_at + interval '15 days') END,
       c.updated_at
FROM cases c
JOIN (VALUES
  ('clue', 'approve_filing', 'head', 'agency', 'filing_decision'),
  ('filed', 'assign_handlers', 'head', 'agency', 'decision'),
  ('investigation', 'submit_investigation_report', 'handler', 'case_handlers', 'decision'),
  ('suspended', 'resume_case', 'head', 'agency', NULL),
  ('legal_review', 'decide_legal_review', 'reviewer', 'agency', 'legal_review'),
  ('notice', 'close_notice', 'handler', 'case_handlers', 'notice_response'),
  ('hearing', 'record_hearing', 'hearing_officer', 'named_person', 'decision'),
  ('collective_discussion', 'record_collective_discussion', 'head', 'agency', 'decision'),
  ('decided', 'record_service', 'handler', 'case_handlers', 'service'),
  ('service', 'record_service', 'handler', 'case_handlers', 'service'),
  ('publicity', 'publish_decision', 'handler', 'case_handlers', 'publicity'),
  ('execution', 'record_payment', 'handler', 'case_handlers', 'payment'),
  ('closed', 'archive_case', 'head', 'agency', 'archive')
) AS w(stage, action, role, scope, deadline_kind) ON w.stage = c.stage
WHERE c.policy_version = 'bench-1';
