import type { Component } from 'vue';
import { Avatar, Box, Collection, Connection, Document, Finished, Key, List, Medal, Message, Money, Odometer, PieChart, Share, Switch, Tickets, TrendCharts, User, Wallet } from '@element-plus/icons-vue';

/** Sidebar icons by the name in a route's `meta.icon`. */
export const menuIcons: Record<string, Component> = { Odometer, User, Tickets, Message, Medal, Document, Connection, TrendCharts, Collection, Share, Wallet, Avatar, Switch, Money, List, Finished, Key, Box, PieChart };
