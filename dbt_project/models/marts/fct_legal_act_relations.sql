-- Relations between legal acts stated on an act's page (ratifies, amends, repeals, lost_force_by).
with

relations as (

    select * from {{ ref('int_legal_act_relations') }}

),

final as (

    select
        relation_id,
        act_key,
        relation,
        target_title,
        target_number,
        target_date_text,
        target_date,
        target_act_key,
        source_url,
        block_id,
        evidence
    from relations

)

select * from final
