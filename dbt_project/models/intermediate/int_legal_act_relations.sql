-- Relations stated by the latest capture of each act page, with the target resolved to an act of the
-- warehouse when exactly one act matches its number (and date, when printed), else by date and title word.
with

relations as (

    select * exclude (rejected_reason) from {{ ref('stg_raw__legal_act_relations') }}
    where rejected_reason is null  -- the others are in parse_errors

),

legal_acts as (

    select * from {{ ref('int_legal_acts') }}

),

own_acts as (

    select
        relations.*,
        legal_acts.act_key,
        upper(replace(replace(relations.target_number, '№', ''), ' ', '')) as target_number_key
    from relations
    inner join legal_acts
        on relations.capture_id = legal_acts.capture_id

),

candidates as (

    select
        own_acts.capture_id,
        own_acts.block_id,
        own_acts.relation,
        own_acts.target_title,
        legal_acts.act_key as candidate_act_key
    from own_acts
    inner join legal_acts
        on
            own_acts.act_key <> legal_acts.act_key
            and (
                (
                    own_acts.target_number_key is not null
                    and upper(replace(replace(legal_acts.act_number, '№', ''), ' ', '')) = own_acts.target_number_key
                    and (own_acts.target_date is null or own_acts.target_date = legal_acts.adopted_on)
                )
                or (
                    own_acts.target_number_key is null
                    and own_acts.target_date is not null
                    and own_acts.target_date = legal_acts.adopted_on
                )
            )

),

resolved as (

    -- Only an unambiguous match is a resolution.
    select
        capture_id,
        block_id,
        relation,
        target_title,
        min(candidate_act_key) as target_act_key
    from candidates
    group by capture_id, block_id, relation, target_title
    having count(distinct candidate_act_key) = 1

),

final as (

    select
        {{ hash_key([
            'own_acts.act_key', 'own_acts.relation', 'own_acts.target_title', 'own_acts.block_id'
        ]) }} as relation_id,
        own_acts.act_key,
        own_acts.relation,
        own_acts.target_title,
        own_acts.target_number,
        own_acts.target_date_text,
        own_acts.target_date,
        resolved.target_act_key,
        own_acts.source_url,
        own_acts.block_id,
        own_acts.evidence
    from own_acts
    left join resolved
        on
            own_acts.capture_id = resolved.capture_id
            and own_acts.relation = resolved.relation
            and own_acts.target_title = resolved.target_title
            and own_acts.block_id is not distinct from resolved.block_id

)

select * from final
