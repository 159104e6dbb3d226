-- Segments that mention a word (default: elavbrott)
-- Every transcript segment whose redacted text contains the term, case-insensitively, with its
-- call, queue, speaker role and position in the call. Substring match, so inflected forms and
-- compounds match as well (elavbrottet, elavbrotten). Narrow the days with --since/--until.
-- param: term = elavbrott   (text to look for)
SELECT
    s.call_date,
    s.call_id,
    coalesce(nullif(c.queue, ''), c.metadata['folder_id'], '(none)') AS queue,
    s.segment_index,
    s.role,
    s.speaker,
    s.start_seconds,
    s.text
FROM segments AS s
LEFT JOIN calls AS c ON c.call_id = s.call_id AND c.call_date = s.call_date
WHERE contains(lower(s.text), lower($term))
ORDER BY s.call_date, s.call_id, s.segment_index;
