-- A million realistic cases and their participants for the case-search benchmark (bench/search).
-- 40 agencies, skewed so the largest holds about a sixth of all cases; three years of registrations;
-- stages in the proportions of a working enforcement unit; Chinese company and personal names.
-- Run on a freshly migrated scratch database only.

CREATE UNLOGGED TABLE bench_cases AS
SELECT
  gen_random_uuid() AS id,
  agency_index,
  'agency-' || lpad(agency_index::text, 2, '0') AS agency_id,
  CASE
    WHEN stage_draw < 0.05 THEN 'clue'
    WHEN stage_draw < 0.08 THEN 'not_filed'
    WHEN stage_draw < 0.10 THEN 'filed'
    WHEN stage_draw < 0.25 THEN 'investigation'
    WHEN stage_draw < 0.27 THEN 'suspended'
    WHEN stage_draw < 0.32 THEN 'legal_review'
    WHEN stage_draw < 0.36 THEN 'notice'
    WHEN stage_draw < 0.37 THEN 'hearing'
    WHEN stage_draw < 0.38 THEN 'collective_discussion'
    WHEN stage_draw < 0.40 THEN 'decided'
    WHEN stage_draw < 0.42 THEN 'service'
    WHEN stage_draw < 0.44 THEN 'publicity'
    WHEN stage_draw < 0.50 THEN 'execution'
    WHEN stage_draw < 0.70 THEN 'closed'
    ELSE 'archived'
  END AS stage,
  stage_draw,
  'FSL-' || (1 + floor(power(random(), 2) * 200))::int AS violation_code,
  party_draw,
  registered_at,
  registered_at + interval '3 days' + random() * interval '10 days' AS filed_at,
  random() AS overdue_draw,
  g
FROM (
  SELECT g,
         floor(40 * power(random(), 2))::int AS agency_index,
         random() AS stage_draw,
         random() AS party_draw,
         now() - random() * interval '3 years' AS registered_at
  -- bench.cases: a smaller load for smoke runs (load-cases.cjs sets it); a million when unset.
  FROM generate_series(1, coalesce(nullif(current_setting('bench.cases', true), ''), '1000000')::int) AS g
) AS draws;

-- Names: 60% companies (city + two characters + trade + 有限公司), 37% people, 3% Latin script.
CREATE UNLOGGED TABLE bench_named AS
SELECT b.*,
  CASE WHEN party_draw < 0.63 THEN 'organization' ELSE 'individual' END AS party_type,
  CASE
    WHEN party_draw < 0.60 THEN
      (ARRAY['上海','北京','广州','深圳','杭州','南京','成都','武汉','苏州','天津'])[1 + floor(random() * 10)::int]
      || substr('华明德兴隆昌盛丰源鑫达恒通瑞祥泰安宏伟金海康宁嘉禾永福新正荣富佳和天润博远中信立诚美乐', 1 + floor(random() * 48)::int, 1)
      || substr('华明德兴隆昌盛丰源鑫达恒通瑞祥泰安宏伟金海康宁嘉禾永福新正荣富佳和天润博远中信立诚美乐', 1 + floor(random() * 48)::int, 1)
      || (ARRAY['食品','餐饮','建材','医药','科技','贸易','物流','化工','服装','超市'])[1 + floor(random() * 10)::int]
      || '有限公司'
    WHEN party_draw < 0.63 THEN
      (ARRAY['Acme','Golden','Pacific','Harbour','Sunrise'])[1 + floor(random() * 5)::int] || ' Trading Co. ' || g
    ELSE
      substr('张王李赵刘陈杨黄吴周徐孙马朱胡郭何林高罗', 1 + floor(random() * 20)::int, 1)
      || substr('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华', 1 + floor(random() * 26)::int, 1)
      || CASE WHEN random() < 0.5 THEN substr('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华', 1 + floor(random() * 26)::int, 1) ELSE '' END
  END AS party_name
FROM bench_cases b;

INSERT INTO cases (id, workflow_id, agency_id, stage, version, violation_code, party_type, party_name, registered_at,
                   decision_due_at, updated_at, state, policy_version, decided_at, decision_outcome, fine, closed_at,
                   archived_at, overdue, case_number, filed_at)
SELECT id,
       'case-' || id,
       agency_id,
       stage,
       10,
       violation_code,
       party_type,
       party_name,
       registered_at,
       CASE WHEN filed THEN filed_at + interval '90 days' END,
       registered_at,
       '{}'::jsonb,
       'bench-1',
       decided_at,
       CASE WHEN decided_at IS NOT NULL THEN 'penalty' END,
       CASE WHEN decided_at IS NOT NULL THEN 5000 END,
       CASE WHEN stage IN ('closed', 'archived') THEN decided_at + interval '40 days' END,
       CASE WHEN stage = 'archived' THEN decided_at + interval '60 days' END,
       stage NOT IN ('not_filed', 'closed', 'archived') AND overdue_draw < 0.08,
       CASE WHEN filed THEN
         agency_id || '-' || filed_year || '-'
         || lpad((row_number() OVER (PARTITION BY agency_id, filed, filed_year ORDER BY filed_at, id))::text, 6, '0')
       END,
       CASE WHEN filed THEN filed_at END
FROM (
  SELECT n.*,
         stage NOT IN ('clue', 'not_filed') AS filed,
         extract(year FROM filed_at AT TIME ZONE 'Asia/Shanghai')::int AS filed_year,
         CASE WHEN stage IN ('decided', 'service', 'publicity', 'execution', 'closed', 'archived')
              THEN filed_at + interval '30 days' + random() * interval '50 days' END AS decided_at
  FROM bench_named n
) AS prepared;

-- Two handlers of a pool of 30 per agency on every filed case past assignment; a reviewer of 5 per
-- agency on every case past legal review.
INSERT INTO case_participants (case_id, user_id, role, since, until)
SELECT id, 'handler-' || lpad(agency_index::text, 2, '0') || '-' || h1, 'handler', filed_at, NULL
FROM (SELECT b.*, floor(random() * 30)::int AS h1 FROM bench_cases b WHERE stage NOT IN ('clue', 'not_filed', 'filed')) AS c;

INSERT INTO case_participants (case_id, user_id, role, since, until)
SELECT b.id, 'handler-' || lpad(b.agency_index::text, 2, '0') || '-' || ((p.h + 1 + floor(random() * 29)::int) % 30), 'handler', b.filed_at, NULL
FROM bench_cases b
JOIN (SELECT case_id, (regexp_replace(user_id, '^.*-', ''))::int AS h FROM case_participants WHERE role = 'handler') AS p ON p.case_id = b.id;

INSERT INTO case_participants (case_id, user_id, role, since, until)
SELECT id, 'reviewer-' || lpad(agency_index::text, 2, '0') || '-' || floor(random() * 5)::int, 'reviewer', filed_at + interval '25 days', NULL
FROM bench_cases
WHERE stage NOT IN ('clue', 'not_filed', 'filed', 'investigation', 'suspended', 'legal_review');

-- A newly appointed handler with a dozen cases: "my cases" must not walk the whole agency for them.
INSERT INTO case_participants (case_id, user_id, role, since, until)
SELECT id, 'handler-00-new', 'handler', filed_at, NULL
FROM bench_cases WHERE agency_index = 0 AND stage = 'investigation' ORDER BY g LIMIT 12;

DROP TABLE bench_named;
DROP TABLE bench_cases;
