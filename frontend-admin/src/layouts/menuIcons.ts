import type { Component } from 'vue';
import { Collection, Connection, Document, Medal, Message, Money, Odometer, Share, Tickets, TrendCharts, User } from '@element-plus/icons-vue';

/** Sidebar icons by the name in a route's `meta.icon`. */
export const menuIcons: Record<string, Component> = { Odometer, User, Tickets, Message, Medal, Document, Connection, TrendCharts, Collection, Share, Money };
