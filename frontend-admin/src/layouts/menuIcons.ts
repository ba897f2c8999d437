import type { Component } from 'vue';
import { Connection, Document, Medal, Message, Odometer, Tickets, User } from '@element-plus/icons-vue';

/** Sidebar icons by the name in a route's `meta.icon`. */
export const menuIcons: Record<string, Component> = { Odometer, User, Tickets, Message, Medal, Document, Connection };
