-- Repeat callers by pseudonym token
-- Customers who called more than once, recognised by the keyed pseudonym tokens of the
-- identifiers found in their calls (calls.subject_tokens, e.g. SE_PERSONNUMMER:3f9a...): the
-- same personnummer, phone number or e-mail gives the same token in every call. Tokens exist
-- only for data ingested with a pseudonymisation key (REDACTOR_PSEUDONYM_KEY); without one this
-- returns nothing. A token is not a person: one person may show up under several tokens
-- (personnummer and phone), and a call may carry tokens of several people (e.g. a relative).
-- param: min_calls = 2   (least number of calls per token)
WITH subject_calls AS (
    SELECT DISTINCT t.token, c.call_id, c.call_date,
           coalesce(nullif(c.queue, ''), c.metadata['folder_id'], '(none)') AS queue
    FROM calls AS c, unnest(c.subject_tokens) AS t(token)
)
SELECT
    split_part(token, ':', 1)                   AS identifier_type,
    token,
    count(DISTINCT call_id)                     AS calls,
    min(call_date)                              AS first_call,
    max(call_date)                              AS last_call,
    date_diff('day', min(call_date), max(call_date)) AS span_days,
    list(DISTINCT queue ORDER BY queue)         AS queues
FROM subject_calls
GROUP BY token
HAVING count(DISTINCT call_id) >= CAST($min_calls AS INTEGER)
ORDER BY calls DESC, last_call DESC, token;
