-- Legal acts of the current vintage of each URL, keyed by jurisdiction and URL.
with

legal_acts as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__legal_acts') }}
    where rejected_reason is null  -- the others are in parse_errors

),

latest_captures as (

    select * from {{ ref('int_captures__latest') }}

),

final as (

    select
        {{ hash_key(['legal_acts.jurisdiction_iso3', 'legal_acts.source_url']) }} as act_key,
        legal_acts.capture_id,
        legal_acts.source_url,
        legal_acts.site,
        legal_acts.jurisdiction_iso3,
        legal_acts.title,
        legal_acts.act_type,
        legal_acts.act_form_raw,
        legal_acts.act_number,
        legal_acts.adopted_on,
        legal_acts.signed_place,
        legal_acts.issuing_body,
        legal_acts.status,
        legal_acts.status_raw,
        legal_acts.language,
        legal_acts.is_partial,
        legal_acts.in_force_from,
        legal_acts.lost_force_on,
        latest_captures.captured_at
    from legal_acts
    inner join latest_captures
        on legal_acts.capture_id = latest_captures.capture_id

)

select * from final
