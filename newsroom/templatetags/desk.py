"""The admin home's desk (``newsroom.desk``): ``{% load desk %}{% desk %}``."""

from django import template

from newsroom.desk import editor_desk, journalist_desk

register = template.Library()


@register.inclusion_tag("admin/desk.html", takes_context=True)
def desk(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.has_perm("articles.publish_article"):
        return {"editor": editor_desk()}
    if user.has_perm("articles.add_article"):
        return {"journalist": journalist_desk(user)}
    return {}
