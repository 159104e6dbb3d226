-- Findings per entity type and ISO week
-- How much personal data the redactor removed: findings per entity type (PERSON,
-- SE_PERSONNUMMER, PHONE_NUMBER, ...) and week, the number of calls they were in, and the
-- average detector score. Types, counts and scores only, never the values.
SELECT
    strftime(call_date, '%G-W%V')  AS week,
    entity_type,
    count(*)                       AS findings,
    count(DISTINCT call_id)        AS calls,
    round(avg(score), 3)           AS avg_score
FROM findings
GROUP BY ALL
ORDER BY week, findings DESC, entity_type;
