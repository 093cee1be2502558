-- Every trade observation of every capture (all vintages), with when it was captured and published:
-- figures read from pages (news, legal texts) and official statistics (int_comtrade__flow_totals).
with

observations as (

    select
        * exclude (rejected_reason),
        cast(null as varchar) as source_kind
    from {{ ref('stg_raw__trade_observations') }}
    where rejected_reason is null
    union all
    select * from {{ ref('int_comtrade__flow_totals') }}

),

sites as (

    select * from {{ ref('stg_raw__sites') }}

),

captures as (

    -- every vintage of the URL's kind: a refetch that did not parse, or parsed into another kind of page,
    -- adds no figure (int_captures__status)
    select * from {{ ref('int_captures__status') }}
    where is_vintage_of_kind

),

documents as (

    select * from {{ ref('stg_raw__documents') }}

),

joined as (

    select
        observations.*,
        captures.captured_at,
        documents.published_at,
        -- what kind of source states the figure: told by the site's kind in the catalog
        coalesce(
            observations.source_kind,
            case sites.site_kind when 'legal' then 'legal_text' when 'statistics' then 'official_statistics' end,
            'news'
        ) as figure_source_kind,
        {{ hash_key([
            'observations.capture_id', 'observations.flow', 'observations.period_start',
            'observations.period_end', 'observations.evidence', 'observations.table_index',
            'observations.row_index', 'observations.col_index'
        ]) }} as base_observation_id
    from observations
    inner join captures
        on observations.capture_id = captures.capture_id
    left join documents
        on observations.capture_id = documents.capture_id
    left join sites
        on captures.site = sites.site

),

numbered as (

    -- The same figure read twice from one place keeps the documented key for its first reading
    -- and a distinct one for each repeat, so the key stays unique.
    select
        *,
        row_number() over (
            partition by base_observation_id
            order by reporter_iso3, partner_iso3, value_usd, qualifier
        ) as occurrence
    from joined

),

final as (

    select
        case
            when occurrence = 1 then base_observation_id
            else md5(base_observation_id || '#' || cast(occurrence as varchar))
        end as observation_id,
        capture_id,
        source_url,
        reporter_iso3,
        partner_iso3,
        flow,
        period_start,
        period_end,
        period_type,
        value_usd,
        qualifier,
        evidence,
        evidence_kind,
        table_index,
        row_index,
        col_index,
        published_at,
        captured_at,
        figure_source_kind as source_kind
    from numbered

)

select * from final
