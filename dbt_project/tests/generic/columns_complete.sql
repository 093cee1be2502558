{#-
    Every not-null and not-blank check of a model in one test and one scan: returns a row per failing
    check ("<column> is null" / "<column> is blank") with its number of rows. dbt spends ~50 ms on each
    test whatever the data, and a test on a view runs the view's query again, so one test per column
    cost the build ~15 s (bench/README.md). Blank means empty or only whitespace (Unicode spaces too).
-#}
{% test columns_complete(model, not_null=[], not_blank=[]) %}
    with failures as (
        select
            {%- for column in not_null %}
                count(*) filter (where {{ column }} is null) as "{{ column }} is null",
            {%- endfor %}
            {%- for column in not_blank %}
                count(*) filter (where regexp_full_match({{ column }}, '[\s\pZ]*')) as "{{ column }} is blank",
            {%- endfor %}
        from {{ model }}
    )

    select
        failed_check,
        failing_rows
    from (unpivot failures on columns(*) into name failed_check value failing_rows)
    where failing_rows > 0
{% endtest %}
