-- One row per legal act page, from its latest capture.
with

legal_acts as (

    select * from {{ ref('int_legal_acts') }}

),

final as (

    select
        act_key,
        jurisdiction_iso3,
        source_url,
        title,
        act_type,
        act_number,
        adopted_on,
        signed_place,
        status,
        in_force_from,
        lost_force_on,
        language,
        issuing_body,
        is_partial,
        captured_at
    from legal_acts

)

select * from final
