-- Callback rate per ISO week
-- Of the calls in a week whose customer is known by a pseudonym token, how many came from a
-- customer who had already called within the previous `days` days (same token in an earlier
-- call) - a first-contact-resolution signal. Needs data ingested with REDACTOR_PSEUDONYM_KEY.
-- param: days = 7   (look-back window in days)
WITH subject_calls AS (
    SELECT DISTINCT t.token, c.call_id, c.created_at
    FROM calls AS c, unnest(c.subject_tokens) AS t(token)
),
per_call AS (
    SELECT a.call_id,
           bool_or(b.call_id IS NOT NULL) AS is_callback
    FROM subject_calls AS a
    LEFT JOIN subject_calls AS b
           ON b.token = a.token
          AND b.call_id <> a.call_id
          AND b.created_at < a.created_at
          AND b.created_at >= a.created_at - to_days(CAST($days AS INTEGER))
    GROUP BY a.call_id
)
SELECT
    strftime(c.call_date, '%G-W%V')                                   AS week,
    count(*)                                                          AS calls,
    count(p.call_id)                                                  AS calls_with_token,
    count(*) FILTER (WHERE p.is_callback)                             AS callbacks,
    round(100.0 * count(*) FILTER (WHERE p.is_callback) / nullif(count(p.call_id), 0), 1) AS callback_pct
FROM calls AS c
LEFT JOIN per_call AS p USING (call_id)
GROUP BY ALL
ORDER BY week;
