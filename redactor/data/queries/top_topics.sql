-- Top topics: the most frequent words in call titles and digests
-- What customers call about, as the words Klang's titles and digests use most, each counted
-- once per call. Redaction placeholders (<PERSON_1>, <SE_PERSONNUMMER:...>), numbers, words
-- shorter than three letters and common Swedish function words are left out.
-- param: limit = 20   (how many words)
-- Titles and digests repeat a lot once redacted, so each distinct text is split once and its
-- words weighted by how many calls have it (a word counts once per call either way).
WITH text_per_call AS (
    SELECT lower(regexp_replace(coalesce(title, '') || ' ' || coalesce(digest, ''), '<[^>]*>', ' ', 'g')) AS txt,
           count(*) AS n
    FROM calls
    GROUP BY 1
),
words AS (
    SELECT DISTINCT txt, n, word
    FROM (SELECT txt, n, unnest(regexp_split_to_array(txt, '[^a-zåäöéü0-9]+')) AS word FROM text_per_call)
    WHERE length(word) >= 3
      AND NOT regexp_full_match(word, '[0-9]+')
      AND word NOT IN (
          'och', 'att', 'det', 'som', 'den', 'ett', 'har', 'inte', 'för', 'med', 'till', 'från', 'över',
          'under', 'efter', 'om', 'var', 'jag', 'vi', 'han', 'hon', 'sig', 'sin', 'sitt', 'sina', 'ska',
          'kan', 'vill', 'men', 'eller', 'när', 'hur', 'vad', 'nya', 'ny', 'hej', 'tack', 'också',
          'kunden', 'kund', 'kundens', 'ringer', 'undrar', 'samtal', 'om', 'ett', 'sedan', 'här'
      )
)
SELECT word, CAST(sum(n) AS BIGINT) AS calls
FROM words
GROUP BY word
ORDER BY calls DESC, word
LIMIT CAST($limit AS INTEGER);
