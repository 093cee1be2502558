{#- Every row satisfies the SQL expression (rows where it is null count as passing). -#}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not ({{ expression }})
{% endtest %}
